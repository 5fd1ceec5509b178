// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package relation

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/relation"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func RelationActionHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.RelationActionReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.StatusResp)(nil), response.InvalidRequest(err))
			return
		}

		l := relation.NewRelationActionLogic(r.Context(), svcCtx)
		resp, err := l.RelationAction(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
