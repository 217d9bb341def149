// zlib (Debian's zlib1g-dev), for the pages compressed once and spliced per visitor
// (SplicedPage): raw deflate with full flushes and crc32_combine, which compress-nio's
// streaming API does not offer.
#include <zlib.h>
