"""Authoring: instructors bring articles, write questions and sets, and move them in and out."""
