/* stagedir.c — staging directories renamed into place (DESIGN §13). */
#include "stagedir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

uint64_t unique_seed(const void *salt)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40)
         ^ (uint64_t)(uintptr_t)salt;
}

int unique_fill(char *templ, uint64_t *state)
{
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t n = strlen(templ);
    if (n < 6) return -1;   /* the last 6 characters are replaced, also on a retry */
    uint64_t v = *state += 0x9E3779B97F4A7C15u;   /* splitmix64 */
    v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9u;
    v = (v ^ (v >> 27)) * 0x94D049BB133111EBu;
    v ^= v >> 31;
    for (size_t i = 0; i < 6; i++, v /= 62) templ[n - 6 + i] = digits[v % 62];
    return 0;
}

/* mkdir at a fresh random name (mkdir honours the umask, unlike mkdtemp's
 * 0700, so result directories get the permissions of any other directory). */
static int mkdir_unique(char *templ)
{
    uint64_t state = unique_seed(templ);
    for (int attempt = 0; attempt < 1000; attempt++) {
        if (unique_fill(templ, &state) != 0) {
            errno = EINVAL;
            return -1;
        }
        if (mkdir(templ, 0777) == 0) return 0;
        if (errno != EEXIST) return -1;
    }
    return -1;
}

int make_dirs(const char *path)
{
    char buf[STAGE_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
    struct stat st;
    if (stat(buf, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Removes the entry name of directory dirfd. A directory is opened with
 * O_NOFOLLOW|O_DIRECTORY and emptied through its descriptor, so neither a
 * link at name nor one swapped in during the walk is ever followed: only the
 * link itself is removed. depth bounds the recursion. */
static int remove_at(int dirfd, const char *name, int depth)
{
    if (unlinkat(dirfd, name, 0) == 0) return 0;
    if (errno == ENOENT) return 0;
    if (errno != EISDIR && errno != EPERM) return -1;   /* Linux: EISDIR; POSIX allows EPERM */
    if (depth > 64) return -1;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (remove_at(fd, e->d_name, depth + 1) != 0) rc = -1;
    }
    closedir(dir);
    if (unlinkat(dirfd, name, AT_REMOVEDIR) != 0) rc = -1;
    return rc;
}

int remove_tree(const char *path)
{
    return remove_at(AT_FDCWD, path, 0);
}

Status stage_begin(StagedDir *sd, const char *parent, const char *name, Diag *d)
{
    memset(sd, 0, sizeof *sd);
    if (make_dirs(parent) != 0) {
        diag_error(d, ST_IO, parent, 0, NULL, "cannot create output directory: %s", strerror(errno));
        return ST_IO;
    }
    if (snprintf(sd->parent, sizeof sd->parent, "%s", parent) >= (int)sizeof sd->parent
        || snprintf(sd->final, sizeof sd->final, "%s/%s", parent, name) >= (int)sizeof sd->final
        || snprintf(sd->stage, sizeof sd->stage, "%s/.%s.XXXXXX", parent, name) >= (int)sizeof sd->stage) {
        diag_error(d, ST_IO, parent, 0, NULL, "output path too long");
        return ST_IO;
    }
    if (mkdir_unique(sd->stage) != 0) {
        diag_error(d, ST_IO, parent, 0, NULL, "cannot create staging directory: %s", strerror(errno));
        sd->stage[0] = '\0';
        return ST_IO;
    }
    return ST_OK;
}

int stage_path(const StagedDir *sd, const char *file, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/%s", sd->stage, file);
    return (n < 0 || (size_t)n >= size) ? -1 : 0;
}

Status stage_commit(StagedDir *sd, Diag *d)
{
    char old[STAGE_PATH_MAX];
    int have_old = 0;
    struct stat st;
    if (lstat(sd->final, &st) == 0) {
        /* Only a directory is replaced: a link may point anywhere, and a file
         * standing there is not a result of ours. Nothing is touched. */
        if (!S_ISDIR(st.st_mode)) {
            diag_error(d, ST_IO, sd->final, 0, NULL,
                       "exists and is not a result directory (%s): not replaced; move it away or choose another -o",
                       S_ISLNK(st.st_mode) ? "a symbolic link" : "not a directory");
            stage_abort(sd);
            return ST_IO;
        }
        /* Move the previous result aside first: rename cannot replace a
         * non-empty directory, and this keeps the swap short. */
        if (snprintf(old, sizeof old, "%s.old.XXXXXX", sd->stage) >= (int)sizeof old
            || !mkdtemp(old) || rmdir(old) != 0 || rename(sd->final, old) != 0) {
            diag_error(d, ST_IO, sd->final, 0, NULL, "cannot replace previous results: %s", strerror(errno));
            stage_abort(sd);
            return ST_IO;
        }
        have_old = 1;
    }
    if (rename(sd->stage, sd->final) != 0) {
        diag_error(d, ST_IO, sd->final, 0, NULL, "cannot move results into place: %s", strerror(errno));
        if (have_old) rename(old, sd->final);
        stage_abort(sd);
        return ST_IO;
    }
    sd->stage[0] = '\0';
    if (have_old) remove_tree(old);
    return ST_OK;
}

void stage_abort(StagedDir *sd)
{
    if (sd->stage[0]) remove_tree(sd->stage);
    sd->stage[0] = '\0';
}
