"""Articles: their blocks and sentences, and evidence anchors into their text."""
