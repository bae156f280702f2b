// Command phimask-go-example masks a clinical note through phimask's C ABI
// (cgo), then shows detections with UTF-16 offsets and a placeholder round
// trip. Build flags come from phimask.pc:
//
//	make -C bindings/c    # builds the library and target/release/pkgconfig/phimask.pc
//	PKG_CONFIG_PATH=$PWD/target/release/pkgconfig LD_LIBRARY_PATH=$PWD/target/release \
//	    go run ./examples/go examples/sample_note.txt
package main

/*
#cgo pkg-config: phimask
#include <stdlib.h>
#include "phimask.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"unsafe"
)

// Error is a failed phimask call: its status name and a message that never
// holds the analysed text.
type Error struct {
	Status  int
	Name    string
	Message string
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

// call runs f with a fresh error object and converts a failure status.
func call(f func(err *C.phimask_error) C.enum_phimask_status) error {
	cerr := C.phimask_error_new()
	defer C.phimask_error_free(cerr)
	if st := f(cerr); st != C.PHIMASK_OK {
		return &Error{
			Status:  int(st),
			Name:    C.GoString(C.phimask_status_name(C.int(st))),
			Message: C.GoString(C.phimask_error_message(cerr)),
		}
	}
	return nil
}

// text returns a pointer and length for C; the bytes hold no Go pointers, so
// cgo lets C read them for the duration of the call.
func text(b []byte) (*C.char, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// take copies a phimask_string into Go memory and frees it.
func take(s *C.phimask_string) string {
	defer C.phimask_string_free(s)
	return C.GoStringN(C.phimask_string_ptr(s), C.int(C.phimask_string_len(s)))
}

// Analyzer wraps a phimask_analyzer, which is safe to share between
// goroutines.
type Analyzer struct{ ptr *C.phimask_analyzer }

// NewAnalyzer builds an analyzer for a built-in policy ("safe_harbor", "strict").
func NewAnalyzer(policy string) (*Analyzer, error) {
	name := C.CString(policy)
	defer C.free(unsafe.Pointer(name))
	var a *C.phimask_analyzer
	if err := call(func(e *C.phimask_error) C.enum_phimask_status {
		return C.phimask_analyzer_new_named(name, &a, e)
	}); err != nil {
		return nil, err
	}
	an := &Analyzer{a}
	runtime.SetFinalizer(an, func(an *Analyzer) { an.Close() })
	return an, nil
}

// Close releases the analyzer.
func (a *Analyzer) Close() {
	C.phimask_analyzer_free(a.ptr)
	a.ptr = nil
}

// Mask masks note with the policy's operators.
func (a *Analyzer) Mask(note []byte) (string, error) {
	p, n := text(note)
	var out *C.phimask_string
	err := call(func(e *C.phimask_error) C.enum_phimask_status {
		return C.phimask_analyzer_mask(a.ptr, p, n, &out, e)
	})
	if err != nil {
		return "", err
	}
	return take(out), nil
}

// Detection is one region found, in bytes and UTF-16 code units.
type Detection struct {
	Entity               string
	Start, End           int
	UTF16Start, UTF16End int
	Score                float32
}

// Analyze lists the detections of note.
func (a *Analyzer) Analyze(note []byte) ([]Detection, error) {
	p, n := text(note)
	var r *C.phimask_results
	err := call(func(e *C.phimask_error) C.enum_phimask_status {
		return C.phimask_analyzer_analyze(a.ptr, p, n, C.PHIMASK_ANALYZE_UTF16, &r, e)
	})
	if err != nil {
		return nil, err
	}
	defer C.phimask_results_free(r)
	count := int(C.phimask_results_len(r))
	out := make([]Detection, 0, count)
	for i := 0; i < count; i++ {
		var d C.phimask_detection
		if err := call(func(e *C.phimask_error) C.enum_phimask_status {
			return C.phimask_results_get(r, C.size_t(i), &d, e)
		}); err != nil {
			return nil, err
		}
		out = append(out, Detection{C.GoString(d.entity), int(d.start), int(d.end),
			int(d.utf16_start), int(d.utf16_end), float32(d.score)})
	}
	return out, nil
}

// Placeholders masks note with numbered placeholders and returns a function
// that restores the original values in any text.
func (a *Analyzer) Placeholders(note []byte) (string, func(string) (string, error), error) {
	p, n := text(note)
	var out *C.phimask_string
	var m *C.phimask_mapping
	if err := call(func(e *C.phimask_error) C.enum_phimask_status {
		return C.phimask_analyzer_placeholders(a.ptr, p, n, &out, &m, e)
	}); err != nil {
		return "", nil, err
	}
	restore := func(s string) (string, error) {
		b := []byte(s)
		p, n := text(b)
		var r *C.phimask_string
		if err := call(func(e *C.phimask_error) C.enum_phimask_status {
			return C.phimask_mapping_restore(m, p, n, &r, e)
		}); err != nil {
			return "", err
		}
		return take(r), nil
	}
	return take(out), restore, nil
}

func run() error {
	if len(os.Args) < 2 {
		return errors.New("usage: phimask-go-example NOTE.txt")
	}
	note, err := os.ReadFile(os.Args[1])
	if err != nil {
		return err
	}
	a, err := NewAnalyzer("safe_harbor")
	if err != nil {
		return err
	}
	defer a.Close()

	masked, err := a.Mask(note)
	if err != nil {
		return err
	}
	fmt.Print(masked)

	dets, err := a.Analyze(note)
	if err != nil {
		return err
	}
	fmt.Printf("\n%d detections\n", len(dets))
	for _, d := range dets {
		fmt.Printf("  %-22s bytes %4d..%-4d utf16 %4d..%-4d score %.2f\n",
			d.Entity, d.Start, d.End, d.UTF16Start, d.UTF16End, d.Score)
	}

	ph, restore, err := a.Placeholders([]byte("SSN 123-45-6789 for John Smith."))
	if err != nil {
		return err
	}
	back, err := restore(ph)
	if err != nil {
		return err
	}
	fmt.Printf("placeholders: %s\nrestored: %s\n", ph, back)

	if _, err := a.Mask([]byte("bad \xff")); err != nil {
		fmt.Printf("invalid UTF-8: %v\n", err)
	} else {
		return errors.New("invalid UTF-8 was accepted")
	}
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
