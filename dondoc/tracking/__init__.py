"""Follow-up rules, pure: timeliness, progress roll-up, permissions, body resolution.

No database, no clock: dates and data are passed in, so every rule is a function that a
report for a past date can call again and get the same answer.
"""
