"""Live classroom games: a host on the projector, players on their phones, state in the database."""
