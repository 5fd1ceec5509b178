// Code scaffolded by goctl. Safe to edit.
// goctl {{.version}}

package {{.PkgName}}

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	{{.ImportPackages}}
)

{{if .HasDoc}}{{.Doc}}{{end}}
func {{.HandlerName}}(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		{{if .HasRequest}}var req types.{{.RequestType}}
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, ({{.ResponseType}})(nil), response.InvalidRequest(err))
			return
		}

		{{end}}l := {{.LogicName}}.New{{.LogicType}}(r.Context(), svcCtx)
		resp, err := l.{{.Call}}({{if .HasRequest}}&req{{end}})
		response.Write(r.Context(), w, resp, err)
	}
}
