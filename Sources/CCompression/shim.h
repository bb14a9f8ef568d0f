// zlib (raw deflate) and Zstandard, from Debian's zlib1g-dev and libzstd-dev, for reading zip entries.
#include <zlib.h>
#include <zstd.h>
