/* infile.c — input files checked for kind and size before reading. */
#include "infile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a plain file";
}

FILE *infile_open(const char *path, off_t max_bytes, char *why, size_t why_n)
{
    /* O_NONBLOCK: opening a FIFO without a writer must not hang */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_n, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(why, why_n, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_n, "not a regular file (%s)", kind_of(st.st_mode));
        close(fd);
        return NULL;
    }
    if (st.st_size > max_bytes) {
        snprintf(why, why_n, "larger than %lld MiB: not a file ecsim wrote or reads",
                 (long long)(max_bytes >> 20));
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
        snprintf(why, why_n, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        snprintf(why, why_n, "%s", strerror(errno));
        close(fd);
    }
    return f;
}

long infile_line(FILE *f, char **line, size_t *cap, size_t max_len)
{
    ssize_t n = getline(line, cap, f);
    if (n < 0) return -1;
    if ((size_t)n > max_len) return -2;
    return (long)n;
}
