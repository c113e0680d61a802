/*
 * roadwork's sandbox launcher: the wrapper of every run when roadwork runs as root, in one
 * exec instead of a shell and setpriv (src/grading/sandbox/bwrap/argv.ts, "the launcher").
 * Built once per machine by src/grading/sandbox/bwrap/launcher.ts; started by Node as root.
 *
 *   sandbox-launch KEEP [--mount OPTIONS ROOT] [--limits CPU CPU_HARD FSIZE NOFILE NPROC]
 *                  N CGROUP_PROCS... UID -- PROGRAM ARGS...
 *
 * In this order, as the shell and setpriv did: closes every descriptor above KEEP; with
 * --mount mounts the run's tmpfs on ROOT (OPTIONS as mount(8) takes them, nosuid and nodev
 * as flags) and makes work/, tmp/ and shm/ in it, 0700 and owned by UID; with --limits sets
 * RLIMIT_CPU (soft CPU, hard CPU_HARD, seconds), RLIMIT_FSIZE (bytes), RLIMIT_NOFILE,
 * RLIMIT_NPROC (soft = hard) and RLIMIT_CORE 0; writes its own pid into each cgroup.procs;
 * empties the capability bounding set, the inheritable and ambient sets; drops to UID:UID
 * with no supplementary groups (setgroups, setresgid, setresuid); checks that no capability
 * is left; sets no_new_privs; execs PROGRAM (bubblewrap) with the environment it was given.
 * Arguments are data, never code. Any failure: a line "roadwork-sandbox: ..." on stderr and
 * exit status 125, before PROGRAM runs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FAILED 125

extern char **environ;

static void die(const char *format, ...) {
  char text[512];
  va_list args;
  va_start(args, format);
  vsnprintf(text, sizeof text, format, args);
  va_end(args);
  dprintf(2, "roadwork-sandbox: %s%s%s\n", text, errno ? ": " : "", errno ? strerror(errno) : "");
  _exit(FAILED);
}

static unsigned long long number(const char *text, const char *what) {
  char *end;
  errno = 0;
  if (text == NULL || *text < '0' || *text > '9') die("%s is not a number", what);
  unsigned long long value = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0') die("%s is not a number", what);
  return value;
}

static void close_above(int keep) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0) == 0) return;
#endif
  DIR *dir = opendir("/proc/self/fd");
  if (dir == NULL) die("cannot list /proc/self/fd");
  int own = dirfd(dir);
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    int fd = (int)number(entry->d_name, "a descriptor");
    if (fd > keep && fd != own) close(fd);
  }
  closedir(dir);
}

static void mount_tmpfs(const char *options, const char *root, uid_t uid) {
  char data[512] = "";
  unsigned long flags = 0;
  char copy[512];
  if (strlen(options) >= sizeof copy) die("mount options too long");
  strcpy(copy, options);
  for (char *save = NULL, *option = strtok_r(copy, ",", &save); option != NULL; option = strtok_r(NULL, ",", &save)) {
    if (strcmp(option, "nosuid") == 0) flags |= MS_NOSUID;
    else if (strcmp(option, "nodev") == 0) flags |= MS_NODEV;
    else {
      if (data[0] != '\0') strcat(data, ",");
      strcat(data, option);
    }
  }
  if (mount("roadwork-run", root, "tmpfs", flags, data) != 0) die("cannot make the run's tmpfs on %s", root);
  static const char *const folders[] = {"work", "tmp", "shm"};
  for (int i = 0; i < 3; i++) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", root, folders[i]) >= (int)sizeof path) die("path too long");
    if (mkdir(path, 0700) != 0 || chown(path, uid, uid) != 0 || chmod(path, 0700) != 0) die("cannot make the run's tmpfs on %s", root);
  }
}

static void limit(int resource, rlim_t soft, rlim_t hard, const char *what) {
  struct rlimit value = {soft, hard};
  if (setrlimit(resource, &value) != 0) die("cannot set the run's limits (%s)", what);
}

static void join_cgroup(const char *procs) {
  char pid[32];
  int length = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
  int fd = open(procs, O_WRONLY | O_CLOEXEC);
  if (fd < 0 || write(fd, pid, (size_t)length) != length || close(fd) != 0) die("cannot join cgroup %s", procs);
}

static int last_cap(void) {
  int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
  char text[16] = "";
  if (fd < 0 || read(fd, text, sizeof text - 1) <= 0) die("cannot read /proc/sys/kernel/cap_last_cap");
  close(fd);
  text[strcspn(text, "\n")] = '\0';
  return (int)number(text, "cap_last_cap");
}

static void capabilities(struct __user_cap_data_struct data[2]) {
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  if (syscall(SYS_capget, &header, data) != 0) die("cannot read the capabilities");
}

static void drop_privileges(uid_t uid) {
  // The bounding set first: emptying it needs CAP_SETPCAP, which the uid change takes away.
  int last = last_cap();
  for (int cap = 0; cap <= last; cap++) {
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) die("cannot empty the capability bounding set");
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) die("cannot clear the ambient capabilities");
  struct __user_cap_data_struct data[2];
  capabilities(data);
  data[0].inheritable = data[1].inheritable = 0;
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  if (syscall(SYS_capset, &header, data) != 0) die("cannot clear the inheritable capabilities");
  if (setgroups(0, NULL) != 0) die("cannot clear the supplementary groups");
  if (setresgid(uid, uid, uid) != 0) die("cannot switch to gid %u", (unsigned)uid);
  if (setresuid(uid, uid, uid) != 0) die("cannot switch to uid %u", (unsigned)uid);
  capabilities(data);
  for (int i = 0; i < 2; i++) {
    if (data[i].effective | data[i].permitted | data[i].inheritable) {
      errno = 0;
      die("capabilities were left after the switch to uid %u", (unsigned)uid);
    }
  }
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("cannot set no_new_privs");
}

int main(int argc, char **argv) {
  int i = 1;
  if (argc < 2) die("usage: sandbox-launch KEEP [--mount OPTIONS ROOT] [--limits ...] N PROCS... UID -- PROGRAM...");
  close_above((int)number(argv[i++], "KEEP"));
  // The uid comes after the cgroups; find it first, the mount needs it.
  const char *mount_options = NULL, *mount_root = NULL;
  if (i < argc && strcmp(argv[i], "--mount") == 0) {
    if (i + 2 >= argc) die("--mount needs OPTIONS ROOT");
    mount_options = argv[i + 1];
    mount_root = argv[i + 2];
    i += 3;
  }
  const char *const *limits = NULL;
  if (i < argc && strcmp(argv[i], "--limits") == 0) {
    if (i + 5 >= argc) die("--limits needs CPU CPU_HARD FSIZE NOFILE NPROC");
    limits = (const char *const *)&argv[i + 1];
    i += 6;
  }
  if (i >= argc) die("missing the number of cgroups");
  unsigned long long cgroups = number(argv[i++], "the number of cgroups");
  if (cgroups > 16 || i + (int)cgroups + 2 >= argc) die("missing cgroups, uid or program");
  char **procs = &argv[i];
  i += (int)cgroups;
  unsigned long long uid = number(argv[i++], "UID");
  if (uid == 0 || uid > 0xfffffffeULL) die("refusing to run the sandbox as uid %llu", uid);
  if (strcmp(argv[i++], "--") != 0 || i >= argc || argv[i][0] != '/') die("missing -- PROGRAM (an absolute path)");

  errno = 0;
  if (mount_root != NULL) mount_tmpfs(mount_options, mount_root, (uid_t)uid);
  if (limits != NULL) {
    rlim_t cpu = number(limits[0], "CPU"), cpu_hard = number(limits[1], "CPU_HARD");
    limit(RLIMIT_CPU, cpu, cpu_hard, "cpu");
    rlim_t fsize = number(limits[2], "FSIZE");
    limit(RLIMIT_FSIZE, fsize, fsize, "file size");
    rlim_t nofile = number(limits[3], "NOFILE");
    limit(RLIMIT_NOFILE, nofile, nofile, "open files");
    rlim_t nproc = number(limits[4], "NPROC");
    limit(RLIMIT_NPROC, nproc, nproc, "processes");
    limit(RLIMIT_CORE, 0, 0, "core");
  }
  for (unsigned long long c = 0; c < cgroups; c++) join_cgroup(procs[c]);
  drop_privileges((uid_t)uid);
  execve(argv[i], &argv[i], environ);
  die("cannot run %s", argv[i]);
  return FAILED;
}
