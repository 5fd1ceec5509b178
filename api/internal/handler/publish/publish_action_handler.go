// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package publish

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/publish"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func PublishActionHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.PublishActionReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.StatusResp)(nil), response.InvalidRequest(err))
			return
		}

		l := publish.NewPublishActionLogic(r.Context(), svcCtx)
		resp, err := l.PublishAction(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
