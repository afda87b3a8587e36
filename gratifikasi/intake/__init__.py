"""What gratification reports and complaints share at intake: the reporters' access codes
(:mod:`.reporter_access`) and the matching of named officers for recusal (:mod:`.recusal`)."""
