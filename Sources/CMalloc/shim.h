// glibc's allocator statistics (mallinfo2), which Swift's Glibc module does not include:
// the metrics read them to tell a leak from memory the allocator keeps for reuse.
#include <malloc.h>
