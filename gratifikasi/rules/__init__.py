"""Domain rules (calendar, deadlines, exemptions, workflows, scoring) with no Flask imports."""
