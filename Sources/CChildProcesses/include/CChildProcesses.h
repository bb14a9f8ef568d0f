#ifndef CCHILDPROCESSES_H
#define CCHILDPROCESSES_H

#include <spawn.h>

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `posix_spawn_file_actions_addchdir_np` (2.29),
/// which its header declares only under _GNU_SOURCE, where Swift's Glibc module does not see them.
int clearinghouse_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);
int clearinghouse_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
