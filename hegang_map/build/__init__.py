"""Tools run by developers, not by the app: the geodata build, the shipped start, the ramps table."""
