"""Demo content for a believable coalition, written for this project; loaded by `seed_demo`."""
