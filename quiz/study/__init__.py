"""Self-study: rounds of questions played alone, at the player's own pace."""
