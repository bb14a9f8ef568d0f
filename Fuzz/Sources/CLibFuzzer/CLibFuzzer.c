// The driver is in libFuzzer's runtime, linked by `-sanitize=fuzzer`; this target only declares it.
#include "CLibFuzzer.h"
