// The public headers of Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
// They sit at the top of the system include folder; its cmark-gfm/ subfolder holds
// private headers that must never be on the include path.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
