"""Question sets: an instructor's ordered selection of questions, hosted live or played alone."""
