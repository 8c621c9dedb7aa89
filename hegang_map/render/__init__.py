"""Pure functions from model state to what is drawn. Knows nothing of Qt."""
