"""The exchange between the counters of one centre over its local network (Qt-free)."""
