{{- define "library.labels" -}}
team: platform
{{- end -}}
