// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package user

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/user"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func RegisterHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.AccountReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.AccountResp)(nil), response.InvalidRequest(err))
			return
		}

		l := user.NewRegisterLogic(r.Context(), svcCtx)
		resp, err := l.Register(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
