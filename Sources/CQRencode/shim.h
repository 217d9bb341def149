// libqrencode does the QR encoding; zlib compresses the PNG image data (the PNG format
// requires deflate). Both are Debian system libraries: libqrencode-dev and zlib1g-dev.
#include <qrencode.h>
#include <zlib.h>
