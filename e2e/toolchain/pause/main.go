// The sandbox ("pause") process of every pod on the offline cluster's real node: it holds the
// pod's namespaces, reaps the zombies of a shared PID namespace and exits on SIGINT/SIGTERM.
// Built statically by e2e/toolchain/real-node.sh and packed into a one-file image, because the
// node cannot pull registry.k8s.io/pause.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-v" {
		fmt.Println("alphintra pause")
		return
	}
	if os.Getpid() != 1 {
		fmt.Fprintln(os.Stderr, "pause: warning: not running as PID 1")
	}
	signals := make(chan os.Signal, 8)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGCHLD)
	for s := range signals {
		if s != syscall.SIGCHLD {
			os.Exit(0)
		}
		reapZombies()
	}
}

// reapZombies collects every exited child (orphans are re-parented to PID 1 in the pod).
func reapZombies() {
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
		if pid <= 0 || err != nil {
			return
		}
	}
}
