"""Contract tests: the generated client against the spec, through a validating mock PIM."""
