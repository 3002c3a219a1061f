//go:build !unix

package cli

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }

func mknodNull(string) error { return errors.New("no device nodes on this system") }
