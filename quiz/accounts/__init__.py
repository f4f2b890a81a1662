"""Instructor accounts: sign-up, sign-in, sign-out, and who may host."""
