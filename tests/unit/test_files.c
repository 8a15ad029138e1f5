/* test_files.c — output files and directories on hostile file systems:
 * links planted where ecsim writes or removes, files standing where a result
 * directory goes, paths too long. Each case names what it guards against;
 * every one of them failed before temporary names became random and O_EXCL,
 * and removal stopped following links. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"
#include "results.h"
#include "stagedir.h"

static void make_base(char *base, size_t n)
{
    snprintf(base, n, "/tmp/ecsim-test-files.XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(base));
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

/* 1 if path is a regular file (not a link) holding exactly text. */
static int file_is(const char *path, const char *text)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    char buf[256] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    return n == strlen(text) && memcmp(buf, text, n) == 0;
}

/* Number of entries of dir other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

static void join(char *buf, size_t n, const char *a, const char *b)
{
    CU_ASSERT_FATAL(snprintf(buf, n, "%s/%s", a, b) < (int)n);
}

static Status write_file(const char *path, const char *text, Diag *d)
{
    AtomicFile *af = calloc(1, sizeof *af);
    Status st = afile_open(af, path, d);
    if (st == ST_OK) {
        fputs(text, af->f);
        st = afile_commit(af, d);
    }
    free(af);
    return st;
}

/* A link planted at the name the temporary file used to have ("x.tmp")
 * is not written through. */
static void planted_tmp_link_not_followed(void)
{
    char base[64], out[128], victim[128], path[128], tmp[160];
    make_base(base, sizeof base);
    join(out, sizeof out, base, "out");
    join(victim, sizeof victim, base, "victim.txt");
    CU_ASSERT_FATAL(mkdir(out, 0777) == 0);
    write_text(victim, "precious");
    join(path, sizeof path, out, "summary.md");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CU_ASSERT_FATAL(symlink(victim, tmp) == 0);
    Diag d = { 0 };
    CU_ASSERT_EQUAL(write_file(path, "result", &d), ST_OK);
    CU_ASSERT(file_is(victim, "precious"));
    CU_ASSERT(file_is(path, "result"));
    CU_ASSERT_EQUAL(entries(out), 2);   /* the result and the planted link, nothing else */
    CU_ASSERT_EQUAL(remove_tree(base), 0);
}

/* A link standing at the final name is replaced by the file; its target is
 * left alone. */
static void link_at_final_name_replaced(void)
{
    char base[64], victim[128], path[128];
    make_base(base, sizeof base);
    join(victim, sizeof victim, base, "victim.txt");
    join(path, sizeof path, base, "annual.dat");
    write_text(victim, "precious");
    CU_ASSERT_FATAL(symlink(victim, path) == 0);
    Diag d = { 0 };
    CU_ASSERT_EQUAL(write_file(path, "rows", &d), ST_OK);
    CU_ASSERT(file_is(victim, "precious"));
    CU_ASSERT(file_is(path, "rows"));
    CU_ASSERT_EQUAL(remove_tree(base), 0);
}

/* Temporary files are hidden, unique, have fopen's permissions and are
 * gone after commit, abort and a failed commit. */
static void temporaries_leave_nothing(void)
{
    char base[64], path[128], dirpath[128];
    make_base(base, sizeof base);
    join(path, sizeof path, base, "a.dat");
    AtomicFile *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    Diag d = { 0 };
    CU_ASSERT_EQUAL_FATAL(afile_open(a, path, &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(afile_open(b, path, &d), ST_OK);
    CU_ASSERT_STRING_NOT_EQUAL(a->tmp, b->tmp);
    CU_ASSERT_PTR_NOT_NULL(strstr(a->tmp, "/.a.dat."));
    CU_ASSERT_EQUAL(entries(base), 2);
    /* the same permissions as a file made by fopen under the same umask */
    char ref[128];
    join(ref, sizeof ref, base, "ref");
    write_text(ref, "");
    struct stat st_a, st_ref;
    CU_ASSERT_FATAL(stat(a->tmp, &st_a) == 0 && stat(ref, &st_ref) == 0);
    CU_ASSERT_EQUAL(st_a.st_mode & 0777, st_ref.st_mode & 0777);
    unlink(ref);
    afile_abort(b);
    CU_ASSERT_EQUAL(afile_commit(a, &d), ST_OK);
    CU_ASSERT_EQUAL(entries(base), 1);
    /* a directory where the file goes: an error, and no temporary left */
    join(dirpath, sizeof dirpath, base, "sub");
    CU_ASSERT_FATAL(mkdir(dirpath, 0777) == 0);
    char inside[160];
    join(inside, sizeof inside, dirpath, "x");
    write_text(inside, "keep");
    Diag d2 = { 0 };
    CU_ASSERT_EQUAL(write_file(dirpath, "x", &d2), ST_IO);
    CU_ASSERT_EQUAL(d2.n, 1);
    CU_ASSERT_EQUAL(entries(base), 2);   /* a.dat and sub */
    CU_ASSERT(file_is(inside, "keep"));
    free(a);
    free(b);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
}

/* Results go to OUT/name; a link there to another directory is refused and
 * the other directory keeps its files (it used to be emptied). */
static void result_dir_link_refused(void)
{
    char base[64], out[128], other[128], keep[160], final[160];
    make_base(base, sizeof base);
    join(out, sizeof out, base, "out");
    join(other, sizeof other, base, "other");
    CU_ASSERT_FATAL(mkdir(out, 0777) == 0 && mkdir(other, 0777) == 0);
    join(keep, sizeof keep, other, "thesis.tex");
    write_text(keep, "years of work");
    join(final, sizeof final, out, "scn");
    CU_ASSERT_FATAL(symlink(other, final) == 0);
    StagedDir sd;
    Diag d = { 0 };
    CU_ASSERT_EQUAL_FATAL(stage_begin(&sd, out, "scn", &d), ST_OK);
    char f[STAGE_PATH_MAX];
    CU_ASSERT_EQUAL_FATAL(stage_path(&sd, "annual.dat", f, sizeof f), 0);
    write_text(f, "rows");
    CU_ASSERT_EQUAL(stage_commit(&sd, &d), ST_IO);
    CU_ASSERT_EQUAL(d.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, "symbolic link"));
    CU_ASSERT(file_is(keep, "years of work"));
    CU_ASSERT_EQUAL(entries(other), 1);
    CU_ASSERT_EQUAL(entries(out), 1);   /* the link only: no staging, no .old */
    struct stat st;
    CU_ASSERT(lstat(final, &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT_EQUAL(remove_tree(base), 0);
    CU_ASSERT(file_is(keep, "years of work") == 0);   /* removed with base: it was inside */
}

/* A regular file where the result directory goes is kept as it is, under
 * its own name (it used to end up under a hidden .old name forever). */
static void result_dir_file_refused(void)
{
    char base[64], final[128];
    make_base(base, sizeof base);
    join(final, sizeof final, base, "scn");
    write_text(final, "notes");
    StagedDir sd;
    Diag d = { 0 };
    CU_ASSERT_EQUAL_FATAL(stage_begin(&sd, base, "scn", &d), ST_OK);
    CU_ASSERT_EQUAL(stage_commit(&sd, &d), ST_IO);
    CU_ASSERT(file_is(final, "notes"));
    CU_ASSERT_EQUAL(entries(base), 1);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
}

/* Replacing an earlier result still works, and leaves nothing hidden. */
static void result_dir_replaced(void)
{
    char base[64], final[128], f[STAGE_PATH_MAX], old_file[160];
    make_base(base, sizeof base);
    join(final, sizeof final, base, "scn");
    CU_ASSERT_FATAL(mkdir(final, 0777) == 0);
    join(old_file, sizeof old_file, final, "stale.dat");
    write_text(old_file, "old");
    StagedDir sd;
    Diag d = { 0 };
    CU_ASSERT_EQUAL_FATAL(stage_begin(&sd, base, "scn", &d), ST_OK);
    CU_ASSERT_EQUAL_FATAL(stage_path(&sd, "annual.dat", f, sizeof f), 0);
    write_text(f, "new");
    CU_ASSERT_EQUAL(stage_commit(&sd, &d), ST_OK);
    CU_ASSERT_EQUAL(entries(base), 1);
    CU_ASSERT_EQUAL(entries(final), 1);
    char now[160];
    join(now, sizeof now, final, "annual.dat");
    CU_ASSERT(file_is(now, "new"));
    /* the permissions of any directory made under the same umask (mkdtemp's
     * 0700 used to make results unreadable to colleagues) */
    char ref[128];
    join(ref, sizeof ref, base, "ref");
    CU_ASSERT_FATAL(mkdir(ref, 0777) == 0);
    struct stat st_final, st_ref;
    CU_ASSERT_FATAL(stat(final, &st_final) == 0 && stat(ref, &st_ref) == 0);
    CU_ASSERT_EQUAL(st_final.st_mode & 0777, st_ref.st_mode & 0777);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
}

/* remove_tree removes links, never what they point to. */
static void remove_tree_keeps_link_targets(void)
{
    char base[64], tree[128], other[128], keep[160], link_in[160], link_top[128];
    make_base(base, sizeof base);
    join(tree, sizeof tree, base, "tree");
    join(other, sizeof other, base, "other");
    CU_ASSERT_FATAL(mkdir(tree, 0777) == 0 && mkdir(other, 0777) == 0);
    join(keep, sizeof keep, other, "keep.txt");
    write_text(keep, "keep");
    join(link_in, sizeof link_in, tree, "to-other");
    CU_ASSERT_FATAL(symlink(other, link_in) == 0);
    CU_ASSERT_EQUAL(remove_tree(tree), 0);
    CU_ASSERT(file_is(keep, "keep"));
    CU_ASSERT_EQUAL(entries(base), 1);
    join(link_top, sizeof link_top, base, "top-link");
    CU_ASSERT_FATAL(symlink(other, link_top) == 0);
    CU_ASSERT_EQUAL(remove_tree(link_top), 0);   /* the link goes, the directory stays */
    CU_ASSERT(file_is(keep, "keep"));
    CU_ASSERT_EQUAL(entries(base), 1);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
    CU_ASSERT_EQUAL(access(base, F_OK), -1);
}

/* An output path too long: the message names the reason (it used to say
 * "Success", errno being stale). */
static void long_output_path_message(void)
{
    char big[STAGE_PATH_MAX + 64];
    memset(big, 'a', sizeof big - 1);
    big[0] = '/';
    big[sizeof big - 1] = '\0';
    errno = 0;
    CU_ASSERT_EQUAL(make_dirs(big), -1);
    CU_ASSERT_NOT_EQUAL(errno, 0);
    StagedDir sd;
    Diag d = { 0 };
    CU_ASSERT_EQUAL(stage_begin(&sd, big, "scn", &d), ST_IO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_PTR_NULL(strstr(d.e[0].message, "Success"));
}

/* Readers of result folders refuse what is not a plain file at once: a FIFO
 * used to block forever, a device to be read without end. */
static void readers_refuse_special_files(void)
{
    char base[64], fifo[128], path[128];
    make_base(base, sizeof base);
    join(fifo, sizeof fifo, base, "annual.dat");
    CU_ASSERT_FATAL(mkfifo(fifo, 0666) == 0);
    Diag d = { 0 };
    DatTable t;
    CU_ASSERT_EQUAL(results_dat_read(fifo, &t, &d), ST_IO);
    CU_ASSERT_EQUAL_FATAL(d.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.e[0].message, "FIFO"));
    results_dat_free(&t);
    CU_ASSERT_PTR_NULL(results_read_file(fifo, 1 << 20, NULL));
    CU_ASSERT_PTR_NULL(results_read_file("/dev/zero", 1 << 20, NULL));
    CU_ASSERT_PTR_NULL(results_read_file(base, 1 << 20, NULL));   /* a directory */
    Diag d2 = { 0 };
    CU_ASSERT_EQUAL(results_check_dir(base, &d2), ST_IO);   /* annual.dat is a FIFO */
    CU_ASSERT_EQUAL(d2.n, 1);
    unlink(fifo);
    write_text(fifo, "year x\n2020 1\n");
    Diag d3 = { 0 };
    CU_ASSERT_EQUAL(results_check_dir(base, &d3), ST_IO);   /* targets.dat, run.cfg missing */
    CU_ASSERT_PTR_NOT_NULL(d3.n == 1 ? strstr(d3.e[0].message, "targets.dat is missing") : NULL);
    join(path, sizeof path, base, "targets.dat");
    write_text(path, "id\n");
    join(path, sizeof path, base, "run.cfg");
    write_text(path, "");
    Diag d4 = { 0 };
    CU_ASSERT_EQUAL(results_check_dir(base, &d4), ST_OK);
    /* a file larger than the reader's cap */
    write_text(path, "0123456789012345678901234567890123456789");
    CU_ASSERT_PTR_NULL(results_read_file(path, 16, NULL));
    size_t len = 0;
    char *text = results_read_file(path, 64, &len);
    CU_ASSERT(text && len == 40);
    free(text);
    CU_ASSERT_EQUAL(remove_tree(base), 0);
}

void register_test_files(void);
void register_test_files(void)
{
    CU_pSuite s = CU_add_suite("files", NULL, NULL);
    CU_add_test(s, "planted .tmp link not followed", planted_tmp_link_not_followed);
    CU_add_test(s, "link at the final name replaced, target kept", link_at_final_name_replaced);
    CU_add_test(s, "temporary files leave nothing", temporaries_leave_nothing);
    CU_add_test(s, "result directory: link refused", result_dir_link_refused);
    CU_add_test(s, "result directory: file refused", result_dir_file_refused);
    CU_add_test(s, "result directory replaced", result_dir_replaced);
    CU_add_test(s, "remove_tree keeps link targets", remove_tree_keeps_link_targets);
    CU_add_test(s, "long output path message", long_output_path_message);
    CU_add_test(s, "readers refuse special files", readers_refuse_special_files);
}
