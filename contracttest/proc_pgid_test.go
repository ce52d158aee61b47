//go:build unix && !linux

package contracttest

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts Prism in its own process group (see signalGroup).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}
