package contracttest

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts Prism in its own process group (see signalGroup),
// and has the kernel kill it if this test binary dies without cleaning up
// (a panic, or the test timeout).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
