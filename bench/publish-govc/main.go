// Command govc is the baseline of bench/publish-import.sh: govmomi v0.56.0's own govc command line, limited to
// the commands the benchmark uses (import.ova, vm.destroy). That module version ships govc's command packages
// (github.com/vmware/govmomi/cli/...) but not its main package, so this file is that main.
package main

import (
	"os"

	"github.com/vmware/govmomi/cli"
	_ "github.com/vmware/govmomi/cli/importx"
	_ "github.com/vmware/govmomi/cli/vm"
)

func main() {
	os.Exit(cli.Run(os.Args[1:]))
}
