package handout

import "reflect"

// Texts returns every Text of the handout, set or not, in the order of the
// model's fields: what the checks that look at all of a handout's words
// (lint's quotation marks, the tests that find every string on the page)
// walk.
func (h *Handout) Texts() []Text {
	var out []Text
	collectTexts(reflect.ValueOf(h).Elem(), &out)
	return out
}

func collectTexts(v reflect.Value, out *[]Text) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			collectTexts(v.Elem(), out)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			collectTexts(v.Index(i), out)
		}
	case reflect.Struct:
		if t, ok := v.Interface().(Text); ok {
			*out = append(*out, t)
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				collectTexts(v.Field(i), out)
			}
		}
	}
}
