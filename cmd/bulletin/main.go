// Command bulletin makes the press notes and certificates of a police PRO
// office from the monthly IGRS ranking. See bulletin --help.
package main

import (
	"os"

	"github.com/igrs-pro/bulletin/bulletin/cli"
)

func main() {
	os.Exit(cli.Main(cli.System(), os.Args[1:]))
}
