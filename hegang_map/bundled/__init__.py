"""Where the bundled data and resources are: ``geodata/``, ``resources/``, stories, the CJK font."""
