"""Public complaints and whistleblowing (WBS): the portal (:mod:`.views`), the secret mailbox
(:mod:`.mailbox`), intake (:mod:`.intake`, also for complaints an Inspektorat officer records,
:mod:`.staff_views`) and the reporter's codes and browser access (:mod:`.access`).
The package root imports nothing."""
