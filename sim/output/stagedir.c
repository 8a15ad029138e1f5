/* stagedir.c — staging directories renamed into place (DESIGN §13). */
#include "stagedir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int make_dirs(const char *path)
{
    char buf[STAGE_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
    struct stat st;
    return (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) ? 0 : -1;
}

int remove_tree(const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) return errno == ENOENT ? 0 : -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[STAGE_PATH_MAX];
        if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child) {
            rc = -1;
            continue;
        }
        struct stat st;
        if (lstat(child, &st) != 0) { rc = -1; continue; }
        if (S_ISDIR(st.st_mode)) { if (remove_tree(child) != 0) rc = -1; }
        else if (unlink(child) != 0) rc = -1;
    }
    closedir(dir);
    if (rmdir(path) != 0) rc = -1;
    return rc;
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
    if (!mkdtemp(sd->stage)) {
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
    if (stat(sd->final, &st) == 0) {
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
