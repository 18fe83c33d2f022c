{{- define "alphintra-operator.name" -}}alphintra-operator{{- end -}}
{{- define "alphintra-operator.labels" -}}
app.kubernetes.io/name: alphintra-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}
{{- define "alphintra-operator.selector" -}}
app.kubernetes.io/name: alphintra-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
