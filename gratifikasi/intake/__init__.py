"""What gratification reports and complaints share at intake: the reporters' access codes
(:mod:`.reporter_access`), the browser's short-lived access after a code
(:mod:`.browser_access`) and the matching of named officers for recusal (:mod:`.recusal`)."""
