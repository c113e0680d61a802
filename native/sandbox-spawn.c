/*
 * roadwork's spawner: starts every sandboxed run's first process on Node's behalf, so that
 * Node's main thread never forks (src/grading/sandbox/bwrap/spawner.ts says why and how).
 * Built once per machine by src/grading/sandbox/bwrap/native-program.ts; started by Node.
 *
 *   sandbox-spawn SOCKET
 *
 * Requests come on stdin, each a 4-byte little-endian length and then NUL-ended fields:
 *
 *   S ID TOKEN SLOTS SECCOMP NICE FILE ARG0 ARGS...
 *       start FILE; SLOTS is how many descriptors (0, 1, 2, ...) are connections to SOCKET,
 *       each opened here and first sent TOKEN and its index as one byte; SECCOMP, when not
 *       empty, is a file opened as the next one; NICE, when not empty, the niceness it
 *       starts with (a waiting run's 19, set before its first instruction)
 *   K ID SIGNAL
 *       signal ID's process, if it has not ended
 *
 * Events go to stdout, one line each: "P ID PID" (started), "F ID ERRNO" (could not start;
 * nothing runs), "X ID CODE SIGNAL" (ended: the exit code or -1, the signal or 0). The
 * process runs with PATH=/usr/sbin:/usr/bin:/sbin:/bin, in /, with default signal handling
 * and every other descriptor closed. When stdin ends (Node is gone) the spawner exits; it
 * also dies with Node (PR_SET_PDEATHSIG), and what it started dies with it (bubblewrap's
 * --die-with-parent).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_REQUEST (1024 * 1024)
#define MAX_ARGS 4096
#define MAX_SLOTS 32
#define MAX_RUNS 4096
#define TOKEN_LENGTH 32
#define HIGH_FD 200

struct run {
  char id[64];
  pid_t pid;
};

static struct run runs[MAX_RUNS];
static const char *socket_path;
static char *const child_env[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL};

static void fail(const char *what) {
  dprintf(2, "roadwork-spawner: %s: %s\n", what, strerror(errno));
  _exit(1);
}

static void event(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void event(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  int length = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  if (length <= 0 || length >= (int)sizeof line) return;
  for (int written = 0; written < length;) {
    ssize_t n = write(1, line + written, (size_t)(length - written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(0); // Node is gone
    written += (int)n;
  }
}

static int read_all(int fd, void *buffer, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t n = read(fd, (char *)buffer + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    done += (size_t)n;
  }
  return 0;
}

static int write_all(int fd, const void *buffer, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t n = write(fd, (const char *)buffer + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    done += (size_t)n;
  }
  return 0;
}

/** One connection to Node's socket, announced with the token and its index. */
static int open_slot(const char *token, int index) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (strlen(socket_path) >= sizeof address.sun_path) {
    close(fd);
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(address.sun_path, socket_path);
  char hello[TOKEN_LENGTH + 1];
  memcpy(hello, token, TOKEN_LENGTH);
  hello[TOKEN_LENGTH] = (char)index;
  while (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    if (errno == EINTR) continue;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  if (write_all(fd, hello, sizeof hello) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

static void close_inherited(void) {
#ifdef SYS_close_range
  if (syscall(SYS_close_range, 3U, ~0U, 0) == 0) return;
#endif
  DIR *dir = opendir("/proc/self/fd");
  if (dir == NULL) fail("cannot list /proc/self/fd");
  int own = dirfd(dir);
  for (struct dirent *entry = readdir(dir); entry != NULL; entry = readdir(dir)) {
    int fd = atoi(entry->d_name);
    if (fd > 2 && fd != own) close(fd);
  }
  closedir(dir);
}

static struct run *find(const char *id) {
  for (int i = 0; i < MAX_RUNS; i++) {
    if (runs[i].pid > 0 && strcmp(runs[i].id, id) == 0) return &runs[i];
  }
  return NULL;
}

/** In the child, between fork and exec: only async-signal-safe calls. */
static void become(int slots, const int *fds, const char *seccomp, const char *nice, const char *file, char **argv, int report) {
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, NULL);
  for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
  // Out of the way first, then into place: a slot may already sit where another must go.
  // Every descriptor of the spawner's own is close-on-exec or below HIGH_FD (closed below).
  report = fcntl(report, F_DUPFD_CLOEXEC, HIGH_FD);
  if (report < 0) _exit(127);
  int moved[MAX_SLOTS];
  for (int i = 0; i < slots; i++) {
    moved[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, HIGH_FD);
    if (moved[i] < 0) goto failed;
  }
  for (int i = 0; i < slots; i++) {
    if (dup2(moved[i], i) < 0) goto failed;
  }
  int next = slots;
  if (seccomp[0] != '\0') {
    int fd = open(seccomp, O_RDONLY | O_CLOEXEC);
    // dup2 onto itself would keep close-on-exec: the flag is cleared explicitly.
    if (fd < 0 || dup2(fd, next) < 0 || fcntl(next, F_SETFD, 0) < 0) goto failed;
    next += 1;
  }
  for (int fd = next; fd < HIGH_FD; fd++) close(fd);
  if (nice[0] != '\0' && setpriority(PRIO_PROCESS, 0, atoi(nice)) != 0) goto failed;
  if (chdir("/") != 0) goto failed;
  execve(file, argv, child_env);
failed: {
  int error = errno;
  (void)!write(report, &error, sizeof error);
  _exit(127);
}
}

static void start(char **fields, int count) {
  // S ID TOKEN SLOTS SECCOMP NICE FILE ARG0...
  if (count < 8) return;
  const char *id = fields[1], *token = fields[2], *seccomp = fields[4], *nice = fields[5], *file = fields[6];
  int slots = atoi(fields[3]);
  if (strlen(id) >= sizeof runs[0].id || strlen(token) != TOKEN_LENGTH || slots < 0 || slots > MAX_SLOTS) {
    event("F %s %d\n", id, EINVAL);
    return;
  }
  struct run *free_run = NULL;
  for (int i = 0; i < MAX_RUNS && free_run == NULL; i++) {
    if (runs[i].pid == 0) free_run = &runs[i];
  }
  if (free_run == NULL) {
    event("F %s %d\n", id, EAGAIN);
    return;
  }
  int fds[MAX_SLOTS];
  int opened = 0;
  int error = 0;
  for (; opened < slots; opened++) {
    fds[opened] = open_slot(token, opened);
    if (fds[opened] < 0) {
      error = errno;
      break;
    }
  }
  int report[2] = {-1, -1};
  if (error == 0 && pipe2(report, O_CLOEXEC) != 0) error = errno;
  pid_t pid = -1;
  if (error == 0) {
    pid = fork();
    if (pid == 0) become(slots, fds, seccomp, nice, file, &fields[7], report[1]);
    if (pid < 0) error = errno;
  }
  for (int i = 0; i < opened; i++) close(fds[i]);
  if (report[1] >= 0) close(report[1]);
  if (pid > 0) {
    // The exec's outcome: the pipe closes on success, or brings errno.
    int child_error = 0;
    ssize_t n;
    do n = read(report[0], &child_error, sizeof child_error);
    while (n < 0 && errno == EINTR);
    if (n == sizeof child_error) {
      error = child_error;
      waitpid(pid, NULL, 0);
      pid = -1;
    }
  }
  if (report[0] >= 0) close(report[0]);
  if (pid < 0) {
    event("F %s %d\n", id, error == 0 ? EIO : error);
    return;
  }
  strcpy(free_run->id, id);
  free_run->pid = pid;
  event("P %s %d\n", id, (int)pid);
}

static void signal_run(char **fields, int count) {
  if (count < 3) return;
  struct run *run = find(fields[1]);
  if (run != NULL) kill(run->pid, atoi(fields[2]));
}

static void reap(void) {
  for (;;) {
    int status;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) return;
    for (int i = 0; i < MAX_RUNS; i++) {
      if (runs[i].pid != pid) continue;
      if (WIFSIGNALED(status)) event("X %s -1 %d\n", runs[i].id, WTERMSIG(status));
      else event("X %s %d 0\n", runs[i].id, WEXITSTATUS(status));
      runs[i].pid = 0;
      break;
    }
  }
}

static void handle(char *request, uint32_t length) {
  static char *fields[MAX_ARGS + 1];
  int count = 0;
  for (uint32_t at = 0; at < length && count < MAX_ARGS;) {
    fields[count++] = request + at;
    char *end = memchr(request + at, '\0', length - at);
    if (end == NULL) return; // every field ends with NUL
    at = (uint32_t)(end - request) + 1;
  }
  fields[count] = NULL;
  if (count == 0) return;
  if (strcmp(fields[0], "S") == 0) start(fields, count);
  else if (strcmp(fields[0], "K") == 0) signal_run(fields, count);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    dprintf(2, "usage: sandbox-spawn SOCKET\n");
    return 2;
  }
  socket_path = argv[1];
  // What Node's caller left open without close-on-exec (a shell's saved descriptor) must not
  // reach any run: the spawner keeps only 0, 1 and 2, and makes everything else close-on-exec.
  close_inherited();
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail("PR_SET_PDEATHSIG");
  if (getppid() == 1) return 0; // Node died before the line above
  signal(SIGPIPE, SIG_IGN);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  if (sigprocmask(SIG_BLOCK, &chld, NULL) != 0) fail("sigprocmask");
  int children = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  if (children < 0) fail("signalfd");
  static char request[MAX_REQUEST];
  for (;;) {
    struct pollfd watch[2] = {{.fd = 0, .events = POLLIN}, {.fd = children, .events = POLLIN}};
    if (poll(watch, 2, -1) < 0) {
      if (errno == EINTR) continue;
      fail("poll");
    }
    if (watch[1].revents & POLLIN) {
      struct signalfd_siginfo info;
      while (read(children, &info, sizeof info) == sizeof info) {
      }
      reap();
    }
    if (watch[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      uint32_t length;
      if (read_all(0, &length, sizeof length) != 0) return 0; // Node is gone
      if (length > MAX_REQUEST || read_all(0, request, length) != 0) return 0;
      handle(request, length);
      // A child that ended meanwhile is told at once, not at the next wake-up.
      reap();
    }
  }
}
