{{/* Labels every object carries; component names the api-server or a worker pool. */}}
{{- define "scriptorium.labels" -}}
app.kubernetes.io/name: scriptorium
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "scriptorium.selector" -}}
app.kubernetes.io/name: scriptorium
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "scriptorium.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-scriptorium" .Release.Name) -}}
{{- end }}

{{/* Environment both applications read: the database, Temporal, the model, the logs. */}}
{{- define "scriptorium.commonEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ .Values.postgres.url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .Values.postgres.user | quote }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ include "scriptorium.secretName" . }}, key: database-password}}
- name: SPRING_TEMPORAL_CONNECTION_TARGET
  value: {{ .Values.temporal.address | quote }}
- name: SPRING_TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: SPRING_TEMPORAL_CONNECTION_ENABLEHTTPS
  value: {{ .Values.temporal.tls | quote }}
{{- if .Values.temporal.apiKey }}
- name: SPRING_TEMPORAL_CONNECTION_APIKEY
  valueFrom: {secretKeyRef: {name: {{ include "scriptorium.secretName" . }}, key: temporal-api-key}}
{{- end }}
- name: SCRIPTORIUM_EMBEDDING_PROVIDER
  value: {{ .Values.embedding.provider | quote }}
- name: SCRIPTORIUM_EMBEDDING_OPENAI_BASE_URL
  value: {{ .Values.embedding.openai.baseUrl | quote }}
- name: SCRIPTORIUM_EMBEDDING_OPENAI_MODEL
  value: {{ .Values.embedding.openai.model | quote }}
- name: SCRIPTORIUM_EMBEDDING_DIMENSIONS
  value: {{ .Values.embedding.dimensions | quote }}
- name: SCRIPTORIUM_WEBHOOKS_ALLOWED_NETWORKS
  value: {{ join "," .Values.webhooks.allowedNetworks | quote }}
- name: SCRIPTORIUM_LOG_FORMAT
  value: {{ .Values.logFormat | quote }}
- name: MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS
  value: never
{{- end }}

{{/* Egress every pod needs: DNS, PostgreSQL and the Temporal frontend. */}}
{{- define "scriptorium.coreEgress" -}}
- to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
  ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
- to:
    {{- if .Values.postgres.cidr }}
    - ipBlock: {cidr: {{ .Values.postgres.cidr }}}
    {{- else }}
    - podSelector: {matchLabels: {{ toJson .Values.postgres.podSelector }}}
    {{- end }}
  ports: [{port: {{ .Values.postgres.port }}, protocol: TCP}]
- to:
    {{- if .Values.temporal.cidr }}
    - ipBlock: {cidr: {{ .Values.temporal.cidr }}}
    {{- else }}
    - namespaceSelector: {}
      podSelector: {matchLabels: {{ toJson .Values.temporal.podSelector }}}
    {{- end }}
  ports: [{port: {{ .Values.temporal.port }}, protocol: TCP}]
{{- end }}
