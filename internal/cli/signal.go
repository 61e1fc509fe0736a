package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is the cause of a run's context when a signal stopped it.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + signalName(i.sig) }

// exitCode is the shell's convention for a process stopped by a signal:
// 128 plus its number, so 130 for SIGINT (Ctrl-C) and 143 for SIGTERM.
func (i interrupted) exitCode() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitFailed
}

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT (Ctrl-C)"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// interruptCause returns the signal that cancelled ctx, if one did.
func interruptCause(ctx context.Context) (interrupted, bool) {
	var i interrupted
	ok := ctx != nil && errors.As(context.Cause(ctx), &i)
	return i, ok
}

// notifyContext is signal.NotifyContext for SIGINT and SIGTERM, except that
// the context's cause is an interrupted value naming the signal, so that
// the exit code can say which one came (NotifyContext's cause is of an
// unexported type, readable only by matching its text). After the first
// signal the default behaviour is restored: a second Ctrl-C ends the
// process at once, and the next build removes any temporary file it leaves.
func notifyContext(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(interrupted{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}
