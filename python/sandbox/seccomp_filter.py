"""Builds the seccomp filter every sandboxed run gets, and writes it as raw BPF.

Run by trusted code only (as root, with /usr/bin/python3 -I):

    /usr/bin/python3 -I seccomp_filter.py OUTPUT_PATH

The TypeScript side caches the output keyed by this file's hash and hands it to
bubblewrap with --seccomp FD, so this script runs once per version, not once per run.

Policy: everything is allowed except the calls below, which fail with EPERM (so that
programs see an ordinary "operation not permitted" rather than a crash). clone3 fails
with ENOSYS instead: its flags live in a struct the filter cannot inspect, and libc
falls back to clone(), whose flags it can. System calls of other architectures (the
32-bit x86 table) kill the process, which is libseccomp's default for a foreign arch.
"""
import errno
import sys

import seccomp

# Calls that let a process inspect or change others, reach kernel attack surface that
# learner code never needs, or change the machine. EPERM for all of them.
DENIED = [
    # other processes' memory and descriptors
    "ptrace", "process_vm_readv", "process_vm_writev", "pidfd_getfd", "kcmp",
    "process_madvise",
    # kernel keyrings
    "keyctl", "add_key", "request_key",
    # io_uring (large attack surface, bypasses other syscall rules)
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    # eBPF, perf, userfaultfd (common exploit primitives)
    "bpf", "perf_event_open", "userfaultfd",
    # mounts and namespaces (old and new mount API)
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree",
    "mount_setattr", "open_by_handle_at", "name_to_handle_at",
    # the machine itself
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "reboot", "swapon", "swapoff", "acct", "quotactl", "quotactl_fd",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "syslog",
    "vhangup", "lookup_dcookie", "fanotify_init",
    "iopl", "ioperm", "uselib", "nfsservctl",
    # NUMA page placement (can degrade the host)
    "mbind", "migrate_pages", "move_pages", "set_mempolicy",
]

# clone() flags that create namespaces. CLONE_NEWTIME shares its bit with CSIGNAL's
# range on clone(), so it is left out (it needs privilege anyway).
NAMESPACE_FLAGS = {
    "CLONE_NEWNS": 0x00020000,
    "CLONE_NEWCGROUP": 0x02000000,
    "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000,
    "CLONE_NEWUSER": 0x10000000,
    "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000,
}


# Socket address families a program may use: unix, IPv4, IPv6 (all within the run's own
# network namespace) and netlink (some libraries read interface lists with it). Every
# other family fails with EAFNOSUPPORT: AF_VSOCK in particular is not namespaced and would
# reach the hypervisor's host from inside a VM; AF_ALG, AF_PACKET and friends are kernel
# attack surface no exercise needs.
ALLOWED_FAMILIES = {1, 2, 10, 16}
LAST_FAMILY = 63


def build() -> seccomp.SyscallFilter:
    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            f.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (RuntimeError, ValueError, OSError):
            # A name this libseccomp does not know (placeholder or a newer call).
            pass
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    for family in range(LAST_FAMILY + 1):
        if family not in ALLOWED_FAMILIES:
            f.add_rule(seccomp.ERRNO(errno.EAFNOSUPPORT), "socket", seccomp.Arg(0, seccomp.EQ, family))
            f.add_rule(seccomp.ERRNO(errno.EAFNOSUPPORT), "socketpair", seccomp.Arg(0, seccomp.EQ, family))
    for flag in NAMESPACE_FLAGS.values():
        f.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    return f


def main() -> None:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: seccomp_filter.py OUTPUT_PATH\n")
        sys.exit(2)
    with open(sys.argv[1], "wb") as out:
        build().export_bpf(out)


if __name__ == "__main__":
    main()
