#pragma once
// The process groups of the children the real runner has running. Every child runs in a group
// of its own (so a timeout or Stop() reaches its grandchildren), which also means a terminal's
// Ctrl-C reaches only tfsk: the InterruptWatcher uses this registry to pass it on.

namespace tfsk {

/// Records a running child's process group. Thread-safe.
void RegisterChildGroup(int pgid);

/// Forgets it (after the child was reaped). Thread-safe.
void UnregisterChildGroup(int pgid);

/// Sends `sig` to every registered group; returns how many were signalled. Thread-safe; not
/// async-signal-safe (call it from a normal thread, as the InterruptWatcher does).
int SignalChildGroups(int sig);

}  // namespace tfsk
