// zlib (Debian's zlib1g-dev): raw deflate for the workbooks' ZIP entries (ZipWriter) and
// for the pages compressed once and spliced per visitor (SplicedPage), with full flushes and
// crc32_combine, which compress-nio's streaming API does not offer.
#include <zlib.h>
