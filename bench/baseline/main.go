// Command baseline is the yardstick for handout's speed: a small program
// written the way a developer would write it by hand with go-pdf/fpdf, that
// draws a document comparable to a built-in handout (two pages of Letter,
// a title, a tinted box, four numbered bands, headings, paragraphs, lists
// and a footer, in the same two font faces) and writes it to a file, once
// per output, on a number of workers.
//
// It exists only to be measured against `handout build` in the same run
// (see bench/run.sh); it is not part of the tool. It is a module of its own
// so that it builds against go-pdf/fpdf exactly as published, without the
// patches handout applies to its copy (third_party/fpdf).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

const para = "Studies find links between gut microbes and skin conditions such as eczema and psoriasis. " +
	"A link does not show that one causes the other. Talk to your clinician before you try a probiotic."

func main() {
	n := flag.Int("n", 1000, "documents to write")
	workers := flag.Int("j", 2, "documents drawn at once")
	out := flag.String("o", "", "output folder (required)")
	fontDir := flag.String("fonts", "../../fonts", "folder with the Atkinson Hyperlegible Next TrueType files")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "baseline: -o DIR is required")
		os.Exit(2)
	}
	regular, err := os.ReadFile(filepath.Join(*fontDir, "AtkinsonHyperlegibleNext-Regular.ttf"))
	check(err)
	bold, err := os.ReadFile(filepath.Join(*fontDir, "AtkinsonHyperlegibleNext-Bold.ttf"))
	check(err)
	check(os.MkdirAll(*out, 0o755))

	start := time.Now()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				check(draw(filepath.Join(*out, fmt.Sprintf("doc-%04d.pdf", i)), regular, bold))
			}
		}()
	}
	for i := 0; i < *n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	el := time.Since(start)
	fmt.Printf("baseline: %d documents in %.2f s, %.1f documents/s\n", *n, el.Seconds(), float64(*n)/el.Seconds())
}

func draw(path string, regular, bold []byte) error {
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetCatalogSort(true)
	fixed := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(fixed)
	pdf.SetModificationDate(fixed)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetTitle("Gut-Skin Axis Evidence Ladder", true)
	pdf.AddUTF8FontFromBytes("body", "", regular)
	pdf.AddUTF8FontFromBytes("body", "B", bold)

	pdf.AddPage()
	pdf.SetTextColor(0x1F, 0x29, 0x33)
	pdf.SetFont("body", "B", 24)
	pdf.Text(43, 60, "Gut-Skin Axis Evidence Ladder")
	pdf.SetFont("body", "", 14)
	pdf.Text(43, 84, "How strong is the evidence that probiotics help skin conditions?")
	pdf.SetFillColor(0xE3, 0xEE, 0xF6)
	pdf.RoundedRect(43, 100, 526, 56, 4, "1234", "F")
	pdf.SetFont("body", "B", 14)
	pdf.Text(58, 124, "Clear answers come only from exact questions.")
	tints := [][3]int{{0xBB, 0xD6, 0xEC}, {0xD0, 0xE3, 0xF1}, {0xE3, 0xEE, 0xF6}, {0xF3, 0xF6, 0xF9}}
	y := 200.0
	for i, c := range tints {
		pdf.SetFillColor(c[0], c[1], c[2])
		pdf.RoundedRect(65, y, 482, 76, 4, "1234", "F")
		pdf.SetFont("body", "B", 18)
		pdf.Text(75, y+24, fmt.Sprint(4-i))
		pdf.SetFont("body", "B", 13.5)
		pdf.Text(103, y+22, "Careful studies of probiotics in people")
		pdf.SetFont("body", "", 12.5)
		pdf.SetXY(103, y+30)
		pdf.MultiCell(430, 16.9, para, "", "L", false)
		y += 82
	}
	pdf.SetFont("body", "B", 15)
	pdf.Text(43, y+30, "Four questions to ask about any probiotic claim")
	pdf.SetFont("body", "", 12.5)
	for i := 0; i < 4; i++ {
		pdf.Text(43, y+56+float64(i)*21, fmt.Sprintf("%d. Which skin condition was studied, and is it the one you have?", i+1))
	}
	footer(pdf, 1)

	pdf.AddPage()
	pdf.SetFont("body", "B", 15)
	pdf.Text(43, 60, "Where each condition stands")
	for i := 0; i < 4; i++ {
		x, cy := 43+float64(i%2)*269, 76+float64(i/2)*130
		pdf.SetFillColor(0xF3, 0xF6, 0xF9)
		pdf.SetDrawColor(0xBB, 0xD6, 0xEC)
		pdf.RoundedRect(x, cy, 257, 120, 4, "1234", "FD")
		pdf.SetFont("body", "B", 13.5)
		pdf.Text(x+10, cy+22, "Eczema (atopic dermatitis)")
		pdf.SetFont("body", "", 12.5)
		pdf.SetXY(x+10, cy+32)
		pdf.MultiCell(237, 16.9, para, "", "L", false)
	}
	pdf.SetXY(43, 360)
	pdf.SetFont("body", "", 12.5)
	for i := 0; i < 3; i++ {
		pdf.MultiCell(526, 16.9, "• "+para, "", "L", false)
	}
	pdf.SetFont("body", "", 9.5)
	pdf.SetXY(43, 640)
	pdf.MultiCell(526, 12.8, "Sources: World Gastroenterology Organisation. American Academy of Dermatology. "+para, "", "L", false)
	footer(pdf, 2)

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pdf.Output(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func footer(pdf *fpdf.Fpdf, page int) {
	pdf.SetDrawColor(0x7B, 0x87, 0x94)
	pdf.SetLineWidth(0.75)
	pdf.Line(43, 739, 569, 739)
	pdf.SetFont("body", "", 9.5)
	pdf.Text(43, 752, "Gut-Skin Axis Evidence Ladder · Reviewed 25 November 2026")
	pdf.Text(530, 752, fmt.Sprintf("Page %d of 2", page))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
}
