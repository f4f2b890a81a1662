"""The question bank: question kinds, skills, the native file format, validation and loading."""
