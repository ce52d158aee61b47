package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/actionsync"
	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/internal/version"
	"github.com/actions-sdk/auth0-go/option"
)

// Exit codes, as terraform plan -detailed-exitcode.
const (
	exitOK      = 0 // no changes
	exitError   = 1
	exitChanges = 2 // changes to make (plan) or made (apply)
)

// run is the command line: args without the program's name, the
// environment, and the standard streams; it returns the exit code. env is
// what the command itself reads (whether AUTH0_DOMAIN is set, for the
// question's text; AUTH0_KEYWORD_REPLACE_MAPPINGS). The client is
// auth0.NewClient's, which reads the tenant and the credentials from the
// process's AUTH0_* variables, so that the command and the SDK always
// agree; clientOptions come after them (the tests point the client at a
// fake with them).
func run(args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer, clientOptions ...option.RequestOption) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c := &cli{ctx: ctx, env: env, environ: os.Environ, stdin: stdin, stdout: stdout, stderr: stderr,
		clientOptions: clientOptions, terminal: isTerminal}
	return c.run(args)
}

// cli is one run of the command.
type cli struct {
	ctx context.Context
	// env reads a variable; environ lists them (for --env).
	env            func(string) string
	environ        func() []string
	stdin          io.Reader
	stdout, stderr io.Writer
	clientOptions  []option.RequestOption
	// terminal reports whether a stream is a terminal (isTerminal; tests
	// replace it to answer the question).
	terminal func(any) bool
}

// isTerminal reports whether v is a character device, such as a
// terminal. /dev/null is one too: a question read from it finds no answer,
// which the question handles.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

const usage = `auth0-actions plans and applies a whole set of Auth0 Actions (the action modules,
the actions, and the order of each trigger's bindings) from files in the layout of
Auth0's Deploy CLI: a directory with action-modules/, actions/ and triggers/, or a
tenant.yaml with its actions, actionModules and triggers sections.

Usage:
  auth0-actions export DIR                          write the tenant's modules, actions and trigger orders to DIR
  auth0-actions plan DIR|FILE.yaml [--prune] [--json]  show what apply would change
  auth0-actions apply DIR|FILE.yaml [--prune] [--yes]  show the plan, ask, and apply it
  auth0-actions help [COMMAND]                      this text, or a command's

Exit codes (as terraform plan -detailed-exitcode): 0 no changes, 2 changes to make
(plan) or changes made (apply), 1 an error.

The tenant and its credentials come from the environment, as for the Go SDK's
auth0.NewClient; nothing reaches a tenant unless AUTH0_DOMAIN is set:
  AUTH0_DOMAIN         the tenant's domain, such as example.us.auth0.com
  AUTH0_API_TOKEN      a Management API token, or
  AUTH0_CLIENT_ID      with AUTH0_CLIENT_SECRET (client credentials), or with
                       AUTH0_CLIENT_ASSERTION_PRIVATE_KEY (private-key JWT; the
                       algorithm in AUTH0_CLIENT_ASSERTION_SIGNING_ALG, RS256 by default)
  AUTH0_AUDIENCE       the Management API's audience, on a custom domain
The application needs the scopes read:actions, create:actions, update:actions
and delete:actions (delete only with --prune).

Keywords (##KEY## and @@KEY@@ in the files, as the Deploy CLI replaces them) come
from AUTH0_KEYWORD_REPLACE_MAPPINGS (a JSON object) and --keywords FILE.json.

Run "auth0-actions COMMAND --help" for a command's flags.
`

func (c *cli) run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, usage)
		return exitError
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "-h", "-help", "--help":
		fmt.Fprint(c.stdout, usage)
		return exitOK
	case "help":
		if len(rest) == 0 {
			fmt.Fprint(c.stdout, usage)
			return exitOK
		}
		return c.run([]string{rest[0], "--help"})
	case "-version", "--version", "version":
		fmt.Fprintf(c.stdout, "auth0-actions %s (%s)\n", version.Version, version.Name)
		return exitOK
	case "export":
		return c.export(rest)
	case "plan":
		return c.plan(rest, false)
	case "apply":
		return c.plan(rest, true)
	default:
		c.errorf("unknown command %q: the commands are export, plan and apply (auth0-actions --help)", cmd)
		return exitError
	}
}

// errorf prints an error on stderr.
func (c *cli) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, "auth0-actions: "+format+"\n", args...)
}

// flags are a command's flags.
type flags struct {
	fs            *flag.FlagSet
	prune         bool
	pruneSecrets  bool
	rotateSecrets bool
	json          bool
	yes           bool
	env           bool
	keywords      string
	extraTriggers string
}

const exportUsage = `Usage: auth0-actions export DIR

Writes the tenant's action modules, actions (their drafts) and the bindings of its
triggers to DIR in the Deploy CLI's layout: action-modules/<name>.json and
<name>/code.js, actions/<name>.json and <name>/code.js, triggers/triggers.json.
Secrets are written by name only: their values stay on the tenant. Files of
modules and actions the tenant no longer has are removed; other files are left
alone. A plan of DIR against the same tenant then has no changes.
`

const planUsage = `Usage: auth0-actions plan DIR|FILE.yaml [flags]

Reads the files and the tenant, and prints what apply would change, object by
object (or, with --json, the plan as JSON for other tools). It only reads.
Exit codes: 0 no changes, 2 changes, 1 an error.

Flags:
`

const applyUsage = `Usage: auth0-actions apply DIR|FILE.yaml [flags]

Plans as plan does, prints the plan, and, when there are changes, asks before
writing (in a terminal), then applies exactly that plan. Without a terminal it
needs --yes. Progress goes to stderr when stderr is a terminal.
Exit codes: 0 no changes, 2 changes made, 1 an error.

Flags:
`

func (c *cli) flagSet(name string, apply bool) *flags {
	f := &flags{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	f.fs.SetOutput(io.Discard)
	f.fs.Usage = func() {}
	if name == "export" {
		return f
	}
	f.fs.BoolVar(&f.prune, "prune", false, "also delete the actions the files leave out (after unbinding them), then the modules no action uses")
	f.fs.BoolVar(&f.pruneSecrets, "prune-secrets", false, "delete the secrets of a module or action that the files leave out")
	f.fs.BoolVar(&f.rotateSecrets, "rotate-secrets", false, "send every secret's value again, even when the names match")
	f.fs.StringVar(&f.keywords, "keywords", "", "a JSON `FILE` of keyword mappings (or a Deploy CLI config.json: its AUTH0_KEYWORD_REPLACE_MAPPINGS)")
	f.fs.BoolVar(&f.env, "env", false, "also use each environment variable as a keyword, as the Deploy CLI does by default")
	f.fs.StringVar(&f.extraTriggers, "extra-triggers", "", "trigger `IDs`, comma-separated, to accept in triggers besides those this release knows")
	if apply {
		f.fs.BoolVar(&f.yes, "yes", false, "apply without asking")
	} else {
		f.fs.BoolVar(&f.json, "json", false, "print the plan as JSON")
	}
	return f
}

func (c *cli) printUsage(f *flags, text string) {
	fmt.Fprint(c.stdout, text)
	f.fs.SetOutput(c.stdout)
	f.fs.PrintDefaults()
	f.fs.SetOutput(io.Discard)
}

// parse parses flags and positional arguments in any order. It returns
// the positional arguments, or an exit code when the run is over (help, or
// a bad flag).
func (c *cli) parse(f *flags, text string, args []string) ([]string, int, bool) {
	var positional []string
	for {
		if err := f.fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				c.printUsage(f, text)
				return nil, exitOK, false
			}
			c.errorf("%s: %v (auth0-actions %s --help)", f.fs.Name(), err, f.fs.Name())
			return nil, exitError, false
		}
		args = f.fs.Args()
		if len(args) == 0 {
			return positional, 0, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func (c *cli) export(args []string) int {
	f := c.flagSet("export", false)
	pos, code, ok := c.parse(f, exportUsage, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		c.errorf("export: give one directory to write to, such as auth0-actions export ./tenant (auth0-actions export --help)")
		return exitError
	}
	dir := pos[0]
	if isYAML(dir) {
		c.errorf("export: %s is a YAML file's name; export writes the Deploy CLI's directory layout: give a directory", dir)
		return exitError
	}
	client, ok := c.client()
	if !ok {
		return exitError
	}
	cfg, err := actionsync.Export(c.ctx, client)
	if err != nil {
		c.printError("export", "", err)
		return exitError
	}
	if err := actionsync.WriteDir(dir, cfg); err != nil {
		c.printError("export", "", err)
		return exitError
	}
	c.printSkipped(cfg.Skipped)
	fmt.Fprintf(c.stdout, "Wrote %d module(s), %d action(s) and the bindings of %d trigger(s) to %s. Secrets are written by name only.\n",
		len(cfg.Modules), len(cfg.Actions), len(cfg.Triggers), dir)
	return exitOK
}

// plan runs plan, or apply when apply is true.
func (c *cli) plan(args []string, apply bool) int {
	name, text := "plan", planUsage
	if apply {
		name, text = "apply", applyUsage
	}
	f := c.flagSet(name, apply)
	pos, code, ok := c.parse(f, text, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		c.errorf("%s: give one directory or YAML file, such as auth0-actions %s ./tenant (auth0-actions %s --help)", name, name, name)
		return exitError
	}
	src := pos[0]
	cfg, base, ok := c.load(name, src, f)
	if !ok {
		return exitError
	}
	c.printSkipped(cfg.Skipped)
	if f.prune && len(cfg.Actions) == 0 {
		c.errorf("%s: refusing --prune: %s holds no action, so every action of the tenant would be deleted", name, src)
		return exitError
	}
	if apply && !f.yes && !c.terminal(c.stdin) {
		c.errorf("apply: standard input is not a terminal, so there is no one to ask before writing: pass --yes to apply without asking " +
			"(review what it will do with auth0-actions plan first)")
		return exitError
	}
	client, ok := c.client()
	if !ok {
		return exitError
	}
	opts := actionsync.PlanOptions{Prune: f.prune, PruneSecrets: f.pruneSecrets, RotateSecrets: f.rotateSecrets}
	plan, err := actionsync.NewPlan(c.ctx, client, cfg, opts)
	if err != nil {
		c.printError(name, base, err)
		return exitError
	}
	if !apply && f.json {
		b, err := json.MarshalIndent(plan, "", "  ")
		if err != nil {
			c.errorf("plan: %v", err)
			return exitError
		}
		fmt.Fprintf(c.stdout, "%s\n", b)
	} else {
		fmt.Fprintln(c.stdout, plan)
	}
	if !plan.HasChanges() {
		return exitOK
	}
	if !apply {
		return exitChanges
	}
	if !f.yes && !c.confirm() {
		return exitError
	}
	return c.apply(client, plan)
}

// confirm asks before applying.
func (c *cli) confirm() bool {
	fmt.Fprintf(c.stderr, "\nApply this plan to %s? Only y or yes applies it. [y/N]: ", strings.TrimSpace(c.env("AUTH0_DOMAIN")))
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	switch {
	case answer == "y" || answer == "yes":
		return true
	case err != nil && answer == "":
		fmt.Fprintln(c.stderr)
		c.errorf("apply: no answer (standard input ended): nothing was written; pass --yes to apply without asking")
	default:
		c.errorf("apply: cancelled: nothing was written")
	}
	return false
}

func (c *cli) apply(client *auth0.Client, plan *actionsync.Plan) int {
	var opts actionsync.ApplyOptions
	if c.terminal(c.stderr) {
		opts.Progress = func(r actionsync.ObjectResult) { fmt.Fprintln(c.stderr, "  "+r.String()) }
	}
	res, err := actionsync.Apply(c.ctx, client, plan, opts)
	if res != nil && len(res.Objects) > 0 {
		fmt.Fprintln(c.stdout, "\n"+res.String())
	}
	var stale *actionsync.StalePlanError
	var failed *actionsync.ApplyError
	switch {
	case errors.As(err, &stale):
		c.errorf("apply: the tenant changed while planning, in %s: nothing was written; run apply again to plan anew", strings.Join(stale.Objects, ", "))
		return exitError
	case errors.As(err, &failed):
		c.errorf("apply: %d object(s) failed (listed above); the others were done. Fix the cause and run apply again: it plans anew and finishes the rest", len(failed.Failed))
		return exitError
	case err != nil:
		c.printError("apply", "", err)
		return exitError
	}
	if res.Changed() {
		return exitChanges
	}
	return exitOK
}

// client makes the client, after checking that a tenant is named.
func (c *cli) client() (*auth0.Client, bool) {
	if strings.TrimSpace(c.env("AUTH0_DOMAIN")) == "" {
		c.errorf("AUTH0_DOMAIN is not set: set it to the tenant's domain (such as example.us.auth0.com), with AUTH0_API_TOKEN, " +
			"or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (auth0-actions --help)")
		return nil, false
	}
	ua := option.WithUserAgent("auth0-actions/" + version.Version + " " + requestconfig.UserAgent)
	opts := append([]option.RequestOption{ua}, c.clientOptions...)
	return auth0.NewClient(opts...), true
}

// load reads the files: a directory, or a YAML file. base is the folder
// the problems' file names are relative to.
func (c *cli) load(cmd, src string, f *flags) (*actionsync.Config, string, bool) {
	opts, ok := c.loadOptions(cmd, f)
	if !ok {
		return nil, "", false
	}
	fi, err := os.Stat(src)
	if err != nil {
		c.errorf("%s: %s: %v: give a directory in the Deploy CLI's layout or its YAML file", cmd, src, trim(err))
		return nil, "", false
	}
	var cfg *actionsync.Config
	base := src
	switch {
	case fi.IsDir():
		cfg, err = actionsync.LoadDir(os.DirFS(src), opts)
	case isYAML(src):
		base = filepath.Dir(src)
		cfg, err = actionsync.LoadYAML(os.DirFS(base), filepath.Base(src), opts)
	default:
		c.errorf("%s: %s is neither a directory nor a .yaml or .yml file: give a directory in the Deploy CLI's layout or its YAML file", cmd, src)
		return nil, "", false
	}
	if err != nil {
		c.printError(cmd, base, err)
		return nil, "", false
	}
	return cfg, base, true
}

// loadOptions gathers the keywords: the environment's variables (--env),
// then AUTH0_KEYWORD_REPLACE_MAPPINGS, then --keywords, the later winning.
func (c *cli) loadOptions(cmd string, f *flags) (actionsync.LoadOptions, bool) {
	var opts actionsync.LoadOptions
	kw := map[string]any{}
	if f.env {
		for _, kv := range c.environ() {
			if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
				kw[k] = v
			}
		}
	}
	if s := c.env("AUTH0_KEYWORD_REPLACE_MAPPINGS"); strings.TrimSpace(s) != "" {
		m, err := actionsync.ParseKeywordMappings([]byte(s))
		if err != nil {
			c.errorf("%s: AUTH0_KEYWORD_REPLACE_MAPPINGS: %v", cmd, trim(err))
			return opts, false
		}
		for k, v := range m {
			kw[k] = v
		}
	}
	if f.keywords != "" {
		m, err := readKeywords(f.keywords)
		if err != nil {
			c.errorf("%s: --keywords %s: %v", cmd, f.keywords, trim(err))
			return opts, false
		}
		for k, v := range m {
			kw[k] = v
		}
	}
	opts.Keywords = kw
	for _, t := range strings.Split(f.extraTriggers, ",") {
		if t = strings.TrimSpace(t); t != "" {
			opts.ExtraTriggers = append(opts.ExtraTriggers, auth0.TriggerID(t))
		}
	}
	return opts, true
}

// readKeywords reads a JSON object of mappings, or a Deploy CLI config
// file, whose AUTH0_KEYWORD_REPLACE_MAPPINGS it takes.
func readKeywords(name string) (map[string]any, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	m, err := actionsync.ParseKeywordMappings(b)
	if err != nil {
		return nil, err
	}
	if inner, ok := m["AUTH0_KEYWORD_REPLACE_MAPPINGS"].(map[string]any); ok {
		return inner, nil
	}
	return m, nil
}

// printError prints an error; the problems of a *actionsync.ConfigError
// one a line, their files relative to the current directory.
func (c *cli) printError(cmd, base string, err error) {
	var ce *actionsync.ConfigError
	if !errors.As(err, &ce) {
		c.errorf("%s: %v", cmd, trim(err))
		switch {
		case errors.Is(err, auth0.ErrUnauthorized):
			fmt.Fprintln(c.stderr, "The tenant refused the credentials: check AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and its secret or key, "+
				"and that they belong to the tenant AUTH0_DOMAIN names.")
		case errors.Is(err, auth0.ErrForbidden):
			fmt.Fprintln(c.stderr, "The token lacks a scope: the application needs read:actions, create:actions and update:actions "+
				"(and delete:actions for --prune) on the Management API.")
		}
		return
	}
	noun := "problem"
	if len(ce.Problems) > 1 {
		noun = "problems"
	}
	c.errorf("%s: %d %s:", cmd, len(ce.Problems), noun)
	secrets := false
	for _, p := range ce.Problems {
		if p.File != "" && base != "" {
			p.File = filepath.Join(base, filepath.FromSlash(p.File))
		}
		fmt.Fprintln(c.stderr, "  "+p.String())
		var swd *auth0.SecretsWouldBeDeletedError
		if errors.As(p.Err, &swd) {
			secrets = true
		}
	}
	if secrets {
		fmt.Fprintln(c.stderr, "To delete those secrets, plan and apply with --prune-secrets.")
	}
}

func (c *cli) printSkipped(skipped []actionsync.Skipped) {
	var sections []string
	for _, s := range skipped {
		if s.Kind == "section" {
			sections = append(sections, s.Name)
		} else {
			fmt.Fprintf(c.stderr, "note: skipped %s\n", s)
		}
	}
	if len(sections) > 0 {
		fmt.Fprintf(c.stderr, "note: not read (auth0-actions manages actions, action modules and triggers only): %s\n", strings.Join(sections, ", "))
	}
}

func isYAML(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// trim removes the package prefix of an error's text: the command names
// itself.
func trim(err error) string {
	s := err.Error()
	for _, p := range []string{"actionsync: ", "auth0: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}
