{{/*
Names, labels and the pieces every server Deployment shares.
*/}}

{{- define "telemarketing.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name, kept short enough that "<fullname>-<component>" fits 63 characters.
*/}}
{{- define "telemarketing.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "telemarketing.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "telemarketing.labels" -}}
helm.sh/chart: {{ include "telemarketing.chart" . }}
{{ include "telemarketing.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: telemarketing
{{- end }}

{{- define "telemarketing.selectorLabels" -}}
app.kubernetes.io/name: {{ include "telemarketing.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Per-component names and labels. Called with (dict "root" $ "component" "contacts").
*/}}
{{- define "telemarketing.componentName" -}}
{{- printf "%s-%s" (include "telemarketing.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "telemarketing.componentLabels" -}}
{{ include "telemarketing.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "telemarketing.componentSelectorLabels" -}}
{{ include "telemarketing.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "telemarketing.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "telemarketing.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "telemarketing.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The workloads to render: a list of dicts {component, services, replicas, resources, extraEnv,
readinessService}. One entry "all" in all-in-one mode, else one per enabled service, in a fixed
order.
*/}}
{{- define "telemarketing.workloads" -}}
{{- $workloads := list }}
{{- if .Values.allInOne.enabled }}
{{- with .Values.allInOne }}
{{- $w := dict "component" "all" "services" "all" "readinessService" "" }}
{{- $_ := set $w "replicas" .replicas }}
{{- $_ = set $w "resources" .resources }}
{{- $_ = set $w "extraEnv" (.extraEnv | default list) }}
{{- $workloads = append $workloads $w }}
{{- end }}
{{- else }}
{{- /* The services each one calls over gRPC: a fact of the code, so not a value. */}}
{{- $peers := dict "campaigns" (list "contacts") }}
{{- range $name := list "contacts" "campaigns" "dialing" "recording" "qa" "reporting" }}
{{- $svc := index $.Values.services $name }}
{{- if $svc.enabled }}
{{- $w := dict "component" $name "services" $name "readinessService" $svc.healthService }}
{{- $_ := set $w "peers" (get $peers $name | default list) }}
{{- $_ := set $w "replicas" $svc.replicas }}
{{- $_ = set $w "resources" $svc.resources }}
{{- $_ = set $w "extraEnv" ($svc.extraEnv | default list) }}
{{- $workloads = append $workloads $w }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson (dict "items" $workloads) }}
{{- end }}

{{/*
Environment common to every server container (the server reads flags or TM_ variables).
*/}}
{{- define "telemarketing.env" -}}
- name: TM_REGION
  value: {{ .Values.region | quote }}
- name: TM_GRPC_LISTEN
  value: {{ printf "0.0.0.0:%d" (int .Values.grpc.port) | quote }}
- name: TM_METRICS_LISTEN
  value: {{ printf "0.0.0.0:%d" (int .Values.metrics.port) | quote }}
- name: TM_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: TM_PG_DSN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.existingSecret }}
      key: {{ .Values.postgresql.key }}
- name: TM_KAFKA_BROKERS
  value: {{ .Values.kafka.brokers | quote }}
- name: TM_AUTH_MODE
  value: {{ .Values.auth.mode | quote }}
{{- if eq .Values.auth.mode "jwt" }}
{{- with .Values.auth.jwt }}
{{- if eq .algorithm "HS256" }}
- name: TM_AUTH_HS256_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .hs256SecretKey | default "hs256-secret" }}
{{- else }}
- name: TM_AUTH_RS256_PUBLIC_KEY_FILE
  {{- $file := .rs256PublicKeyKey | default "rs256-public-key.pem" }}
  value: {{ printf "/etc/telemarketing/auth/%s" $file | quote }}
{{- end }}
{{- with .audience }}
- name: TM_AUTH_AUDIENCE
  value: {{ . | quote }}
{{- end }}
{{- with .issuer }}
- name: TM_AUTH_ISSUER
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The keys of personal data at rest (R6) and the cross-region replica setting (R32), for the
containers that run contacts only.
*/}}
{{- define "telemarketing.contactsKeysEnv" -}}
{{- with .Values.contactsEncryption }}
- name: TM_CONTACTS_DATA_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .dataKeysKey | default "data-keys" }}
- name: TM_CONTACTS_INDEX_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .indexKeyKey | default "index-key" }}
{{- end }}
- name: TM_CONTACTS_REPLICA_REGIONS
  value: {{ .Values.contactsSharing.replicaRegions | quote }}
{{- end }}

{{/*
Dialing's service credential for contacts (R2, R3), for the containers that run dialing.
*/}}
{{- define "telemarketing.dialingCredentialEnv" -}}
{{- with .Values.dialingCredential }}
{{- if .existingSecret }}
- name: TM_DIALING_CONTACTS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .key | default "contacts-token" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "telemarketing.usesRs256" -}}
{{- if and (eq .Values.auth.mode "jwt") (eq .Values.auth.jwt.algorithm "RS256") }}true{{ end }}
{{- end }}
