// Package i18n holds the built-in translations of the interface words
// (one YAML file per language in lang/, keyed as site.Labels), and writes
// dates and picks plural forms the language's way from CLDR data, through
// maintained libraries: golang.org/x/text for plural rules and
// github.com/go-playground/locales for month names and date patterns.
package i18n

import (
	"embed"
	"strconv"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/go-playground/locales"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/uk"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed lang/*.yaml
var files embed.FS

// Languages are the interface languages with built-in words besides
// English, whose words are site.Labels.
var Languages = []string{"de", "fr", "ru", "uk"}

// Labels returns the built-in words of lang ("de", "ru-RU": the base
// language counts), or nil for English and languages without a file.
func Labels(lang string) map[string]string {
	data, err := files.ReadFile("lang/" + base(lang) + ".yaml")
	if err != nil {
		return nil
	}
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		panic("i18n: lang/" + base(lang) + ".yaml: " + err.Error()) // TestLanguages keeps them valid
	}
	return m
}

func base(lang string) string {
	b, _, _ := strings.Cut(strings.ToLower(lang), "-")
	b, _, _ = strings.Cut(b, "_")
	return b
}

// Plural is the CLDR plural category of the count n in lang: "one",
// "few", "many" or "other" (also "zero" and "two" in some languages).
func Plural(lang string, n int) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	switch plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// RTL reports whether lang is written right to left: its likely script
// (from CLDR, through x/text) is one of the right-to-left scripts.
func RTL(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	s, _ := tag.Script()
	switch s.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend", "Yezi":
		return true
	}
	return false
}

// translators write dates for the languages with built-in words.
var translators = map[string]func() locales.Translator{"de": de.New, "fr": fr.New, "ru": ru.New, "uk": uk.New}

// Localized reports whether lang has its own way of writing dates here;
// English keeps date.Human ("1 December 2021").
func Localized(lang string) bool {
	_, ok := translators[base(lang)]
	return ok
}

// monthYear is how a language writes a month of a year, with the month's
// standalone (nominative) name where it differs from the one in a full
// date ("декабрь 2021 г.", not "декабря"). CLDR's yMMMM pattern and
// standalone month names, which go-playground/locales does not expose.
var monthYear = map[string]struct {
	pattern string
	names   []string
}{
	"ru": {"{month} {year} г.", strings.Split("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь", " ")},
	"uk": {"{month} {year} р.", strings.Split("січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень", " ")},
}

// Date writes d for readers of lang at its precision: the CLDR long date
// for a day ("1 декабря 2021 г.", "1. Dezember 2021"), the month and year
// for a month ("Dezember 2021", "декабрь 2021 г."), the year alone for a
// year. Languages not Localized get date.Human.
func Date(lang string, d date.Date) string {
	newT, ok := translators[base(lang)]
	if !ok || d.IsZero() {
		return d.Human()
	}
	switch d.Prec {
	case date.Year:
		return strconv.Itoa(d.Y)
	case date.Month:
		if my, ok := monthYear[base(lang)]; ok {
			return strings.NewReplacer("{month}", my.names[d.M-1], "{year}", strconv.Itoa(d.Y)).Replace(my.pattern)
		}
		return newT().MonthWide(time.Month(d.M)) + " " + strconv.Itoa(d.Y)
	}
	return newT().FmtDateLong(time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC))
}

// Range writes a start and an end for readers of lang: both dates in full,
// joined by an en dash (date.Range shortens shared parts, the English way).
func Range(lang string, a, b date.Date) string {
	if b.IsZero() {
		return Date(lang, a)
	}
	return Date(lang, a) + " – " + Date(lang, b)
}
