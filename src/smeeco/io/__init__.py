"""Reading and writing: data packs here; graph formats in one module per format."""

from smeeco.io.datapack import (
    FORMAT_VERSION,
    dump_pack,
    dumps_pack,
    parse_pack,
    read_pack,
    write_pack,
)

__all__ = ["FORMAT_VERSION", "dump_pack", "dumps_pack", "parse_pack", "read_pack", "write_pack"]
