"""hegang-map: an offline desktop GIS for housing financialization in China."""

import logging
import os

__version__ = "0.1.0"

# What the app logs is for developers; users get one readable line or dialog
# (stderr would otherwise show every logged warning, and tracebacks, twice).
logging.getLogger(__name__).addHandler(logging.NullHandler())

# PROJ (GDAL's copy and pyproj's) downloads transformation grids when a user
# has PROJ_NETWORK=ON, as QGIS users often do: a CRS in a hostile file could
# then name any URL. Every PROJ context this process creates reads this first.
os.environ["PROJ_NETWORK"] = "OFF"
